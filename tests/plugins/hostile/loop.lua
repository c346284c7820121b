-- loop.lua - hostile plugin: an endless loop
return {
	id = "hostile.loop",
	severity = "error",
	description = "hostile test plugin: an endless loop",
	citation = "tests/plugins/test_plugins.sh",
	profiles = { "all" },
	check = function(csr, report)
		while true do end
	end,
}
