-- pcall-loop.lua - hostile plugin: the loop inside pcall inside a loop
return {
	id = "hostile.pcall-loop",
	severity = "error",
	description = "hostile test plugin: the loop inside pcall inside a loop",
	citation = "tests/plugins/test_plugins.sh",
	profiles = { "all" },
	check = function(csr, report)
		while true do pcall(function() while true do end end) end
	end,
}
