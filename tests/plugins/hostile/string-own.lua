-- string-own.lua - hostile plugin: replaces the string functions of its own environment, then
-- reports what ("abc"):upper() gives; string-check.lua must still see "ABC".
string.upper = function() return "pwned" end
return {
	id = "hostile.string-own",
	severity = "error",
	description = "hostile test plugin: replaces string.upper",
	citation = "tests/plugins/test_plugins.sh",
	profiles = { "all" },
	check = function(csr, report) report("own upper: " .. string.upper("abc")) end,
}
