-- return-number.lua - hostile plugin: check returns a number
return {
	id = "hostile.return-number",
	severity = "error",
	description = "hostile test plugin: check returns a number",
	citation = "tests/plugins/test_plugins.sh",
	profiles = { "all" },
	check = function(csr, report)
		return 42
	end,
}
