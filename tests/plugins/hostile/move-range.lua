-- move-range.lua - hostile plugin: one call of hours (table.move over 10^12 positions),
-- retried inside pcall
return {
	id = "hostile.move-range",
	severity = "error",
	description = "hostile test plugin: table.move over 10^12 positions, inside pcall",
	citation = "tests/plugins/test_plugins.sh",
	profiles = { "all" },
	check = function(csr, report)
		while true do pcall(table.move, {}, 1, 1e12, 2) end
	end,
}
