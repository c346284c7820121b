-- bad-fix.lua - a rule table whose fix is not a function
return {
	id = "test.fix.bad-field",
	severity = "error",
	description = "test rule: fix is not a function",
	citation = "tests/plugins/test_fix.sh",
	profiles = { "all" },
	check = function() end,
	fix = "remove everything",
}
