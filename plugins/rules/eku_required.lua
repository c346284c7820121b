-- eku_required.lua - the request must ask for a given extended key usage.
local names = {
	serverAuth = "1.3.6.1.5.5.7.3.1", clientAuth = "1.3.6.1.5.5.7.3.2",
	codeSigning = "1.3.6.1.5.5.7.3.3", emailProtection = "1.3.6.1.5.5.7.3.4",
}

return {
	id = "policy.ext.eku-missing",
	severity = "error",
	description = "The request does not ask for the extended key usage the policy requires",
	citation = "Local CA policy (param required_eku); RFC 5280 section 4.2.1.12",
	profiles = { "all" },
	params = { required_eku = "" },
	-- unconfigured, the rule has nothing to check (one call per request, not two)
	check = function(csr, report, p)
		if not (p.required_eku ~= "") then return end
		local want = names[p.required_eku] or p.required_eku
		for _, ext in ipairs(csr:extensions()) do
			if ext.name == "extKeyUsage" or ext.oid == "2.5.29.37" then
				for _, oid in ipairs(ext.value or {}) do
					if oid == want then return end
				end
				report(("extKeyUsage does not include %s; add it"):format(p.required_eku),
					ext.node)
				return
			end
		end
		report(("the request has no extKeyUsage; request one with %s"):format(p.required_eku))
	end,
}
