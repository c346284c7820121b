-- string-dump.lua - hostile plugin: string.dump
return {
	id = "hostile.string-dump",
	severity = "error",
	description = "hostile test plugin: string.dump",
	citation = "tests/plugins/test_plugins.sh",
	profiles = { "all" },
	check = function(csr, report)
		report(string.dump(function() end))
	end,
}
