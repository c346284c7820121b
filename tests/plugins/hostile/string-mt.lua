-- string-mt.lua - hostile plugin: changing the shared string metatable
return {
	id = "hostile.string-mt",
	severity = "error",
	description = "hostile test plugin: changing the shared string metatable",
	citation = "tests/plugins/test_plugins.sh",
	profiles = { "all" },
	check = function(csr, report)
		getmetatable("").__index.upper = function() return "pwned" end
	end,
}
