-- io-open.lua - hostile plugin: io.open
return {
	id = "hostile.io-open",
	severity = "error",
	description = "hostile test plugin: io.open",
	citation = "tests/plugins/test_plugins.sh",
	profiles = { "all" },
	check = function(csr, report)
		io.open("/etc/passwd")
	end,
}
