-- dump.lua - reports what each CSR method and helper returns, one finding per value, so
-- that test_bridge.c can compare every line with the C model of the same request.
local function opt(v) if v == nil then return "-" end return tostring(v) end

return {
	id = "test.dump",
	severity = "info",
	description = "reports the CSR as Lua sees it",
	citation = "tests/plugins/test_bridge.c",
	profiles = {},
	check = function(csr, report)
		report("version " .. csr:version())
		for _, a in ipairs(csr:subject()) do
			report(("subject %d %s %s %s %s %s"):format(a.rdn, a.oid, opt(a.name), a.type,
				csrlint.hex(a.raw), a.value))
		end
		report("subject_string " .. csr:subject_string())
		for _, s in ipairs(csr:sans()) do
			report(("san %s %s %s"):format(s.type, csrlint.hex(s.raw), opt(s.value)))
		end
		local k = csr:key()
		report(("key %s %d %s %s %s"):format(k.type, k.bits, opt(k.curve), opt(k.exponent),
			k.spki_sha256))
		report("spki " .. csrlint.hash("sha256", k.node:bytes()))
		local s = csr:signature()
		report(("sig %s %s %s %s %s"):format(s.algorithm, s.oid, s.hash, s.status,
			tostring(s.valid)))
		for i, e in ipairs(csr:extensions()) do
			local v = "-"
			if e.oid == "2.5.29.37" and e.value then v = table.concat(e.value, ",") end
			report(("ext %d %s %s %s %d %s"):format(i, opt(e.oid), opt(e.name),
				tostring(e.critical), #(e.raw or ""), v))
		end
		for i, a in ipairs(csr:attributes()) do
			report(("attr %d %s %s %s %s"):format(i, opt(a.oid), opt(a.name), opt(a.count),
				opt(a.text)))
		end
		report(("der %d %s"):format(#csr:der(), csrlint.hash("sha256", csr:der())))
		local r = csr:root()
		report(("root %d %s %d %d %d"):format(r:tag(), r:class(), r:offset(), r:length(),
			#r:children()))
		for _, c in ipairs(r:children()) do
			local back = csr:node(c:path())
			report(("node %s %d %s"):format(c:path(), c:offset(),
				tostring(back and back:offset() == c:offset())))
		end
		for _, n in ipairs(csr:sans("dns")) do
			local v = n.value:lower()
			report(("psl %s %s"):format(v, opt(csrlint.registrable_domain(v))))
			report(("idna %s %s"):format(v, opt((csrlint.to_unicode(v)))))
		end
		for _, n in ipairs(csr:sans("ip")) do
			if n.value then
				report(("ipin %s %s"):format(n.value, tostring(
					csrlint.ip_in(n.value, "10.0.0.0/8") or csrlint.ip_in(n.value, "::1/128"))))
			end
		end
		report("findings " .. #csr:findings())
	end,
}
