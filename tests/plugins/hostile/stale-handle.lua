-- stale-handle.lua - hostile plugin: a CSR handle kept past its lint run
return {
	id = "hostile.stale-handle",
	severity = "error",
	description = "hostile test plugin: a CSR handle kept past its lint run",
	citation = "tests/plugins/test_plugins.sh",
	profiles = { "all" },
	check = function(csr, report)
		if KEPT then report(KEPT:subject_string()) end
		KEPT = csr
	end,
}
