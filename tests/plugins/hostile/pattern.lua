-- pattern.lua - hostile plugin: a pathological string.find pattern
return {
	id = "hostile.pattern",
	severity = "error",
	description = "hostile test plugin: a pathological string.find pattern",
	citation = "tests/plugins/test_plugins.sh",
	profiles = { "all" },
	check = function(csr, report)
		local s = string.rep("a", 5000)
		report(tostring(string.find(s, string.rep("a*", 20) .. "b")))
	end,
}
