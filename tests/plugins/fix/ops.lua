-- ops.lua - a rule whose fix uses every edit of the plugin API once: it reports an OU and
-- its fix drops the OU, swaps the e-mail name of the SAN for a DNS name, makes keyUsage
-- critical, drops the private extension 1.2.3.4 and the unstructuredName attribute.
return {
	id = "test.fix.ops",
	severity = "error",
	description = "test rule: an OU, with a fix that exercises every edit",
	citation = "tests/plugins/test_fix.sh",
	profiles = { "all" },
	check = function(csr, report)
		for _, ava in ipairs(csr:subject()) do
			if ava.name == "OU" then report("the subject has an OU", ava.node) end
		end
	end,
	fix = function(req, findings)
		assert(#findings == 1 and findings[1].rule == "test.fix.ops" and
		       findings[1].severity == "error" and findings[1].message:find("OU"))
		local n = req:remove_subject_attribute("OU")
		assert(n == 1, "one OU")
		req:add_san("dns", "api.example.com")
		assert(req:remove_san("email", "admin@example.com") == 1)
		req:set_extension_critical("keyUsage", true)
		req:remove_extension("1.2.3.4")
		req:remove_attribute("unstructuredName")
		-- the reads see the edits
		local names = {}
		for _, s in ipairs(req:sans()) do names[#names + 1] = s.type .. ":" .. s.value end
		assert(table.concat(names, " ") == "dns:www.example.com dns:api.example.com",
		       table.concat(names, " "))
		for _, e in ipairs(req:extensions()) do
			if e.name == "keyUsage" then assert(e.critical) end
			assert(e.oid ~= "1.2.3.4")
		end
		assert(#req:attributes() == 0)
		local s = req:subject()
		assert(#s == 3 and s[1].name == "C" and s[2].name == "O" and s[3].name == "CN" and
		       s[3].index == 3 and s[3].value == "www.example.com", "subject order")
	end,
}
