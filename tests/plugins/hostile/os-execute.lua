-- os-execute.lua - hostile plugin: os.execute
return {
	id = "hostile.os-execute",
	severity = "error",
	description = "hostile test plugin: os.execute",
	citation = "tests/plugins/test_plugins.sh",
	profiles = { "all" },
	check = function(csr, report)
		os.execute("touch /tmp/csrlint-pwned")
	end,
}
