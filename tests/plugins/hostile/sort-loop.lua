-- sort-loop.lua - hostile plugin: a loop in a sort comparator (no yield possible), inside pcall
return {
	id = "hostile.sort-loop",
	severity = "error",
	description = "hostile test plugin: a loop in a sort comparator (no yield possible), inside pcall",
	citation = "tests/plugins/test_plugins.sh",
	profiles = { "all" },
	check = function(csr, report)
		while true do
			pcall(table.sort, { 3, 2, 1 }, function() while true do end end)
		end
	end,
}
