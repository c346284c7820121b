-- gc.lua - hostile plugin: a __gc finaliser that loops
return {
	id = "hostile.gc",
	severity = "error",
	description = "hostile test plugin: a __gc finaliser that loops",
	citation = "tests/plugins/test_plugins.sh",
	profiles = { "all" },
	check = function(csr, report)
		setmetatable({}, { __gc = function() while true do end end })
	end,
}
