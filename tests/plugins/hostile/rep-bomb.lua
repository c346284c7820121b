-- rep-bomb.lua - hostile plugin: string.rep of 1e9 bytes
return {
	id = "hostile.rep-bomb",
	severity = "error",
	description = "hostile test plugin: string.rep of 1e9 bytes",
	citation = "tests/plugins/test_plugins.sh",
	profiles = { "all" },
	check = function(csr, report)
		local s = string.rep("x", 1e9)
		report(#s)
	end,
}
