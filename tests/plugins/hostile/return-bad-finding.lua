-- return-bad-finding.lua - hostile plugin: check returns a malformed finding
return {
	id = "hostile.return-bad-finding",
	severity = "error",
	description = "hostile test plugin: check returns a malformed finding",
	citation = "tests/plugins/test_plugins.sh",
	profiles = { "all" },
	check = function(csr, report)
		return { "fine", { message = 7 } }
	end,
}
