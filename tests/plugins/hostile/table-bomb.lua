-- table-bomb.lua - hostile plugin: a table that grows without end, with pcall
return {
	id = "hostile.table-bomb",
	severity = "error",
	description = "hostile test plugin: a table that grows without end, with pcall",
	citation = "tests/plugins/test_plugins.sh",
	profiles = { "all" },
	check = function(csr, report)
		local t = {}
		pcall(function() for i = 1, 1e9 do t[i] = ("x"):rep(100) .. i end end)
		report("survived")
	end,
}
