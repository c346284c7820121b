-- bad-table.lua - hostile plugin: a rule table with a bad severity
return {
	id = "hostile.bad-table",
	severity = "catastrophic",
	description = "bad severity",
	citation = "tests/plugins/test_plugins.sh",
	profiles = { "all" },
	check = function() end,
}
