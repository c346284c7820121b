-- require.lua - hostile plugin: require
return {
	id = "hostile.require",
	severity = "error",
	description = "hostile test plugin: require",
	citation = "tests/plugins/test_plugins.sh",
	profiles = { "all" },
	check = function(csr, report)
		require("os")
	end,
}
