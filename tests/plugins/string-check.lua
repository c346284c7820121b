-- string-check.lua - reports ("abc"):upper() and string.upper("abc"): another plugin's
-- changes to its own string table must not reach here.
return {
	id = "test.string-check",
	severity = "info",
	description = "reports what the string methods give",
	citation = "tests/plugins/test_plugins.sh",
	profiles = { "all" },
	check = function(csr, report)
		report("method " .. ("abc"):upper() .. " function " .. string.upper("abc"))
	end,
}
