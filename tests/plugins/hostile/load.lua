-- load.lua - hostile plugin: load
return {
	id = "hostile.load",
	severity = "error",
	description = "hostile test plugin: load",
	citation = "tests/plugins/test_plugins.sh",
	profiles = { "all" },
	check = function(csr, report)
		load("return 1")()
	end,
}
