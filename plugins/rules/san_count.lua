-- san_count.lua - at most max_sans names in the subjectAltName (0: no limit).
return {
	id = "policy.san.too-many",
	severity = "error",
	description = "The request names more SANs than the policy allows",
	citation = "Local CA policy (param max_sans)",
	profiles = { "all" },
	params = { max_sans = 0 },
	-- unconfigured, the rule has nothing to check (one call per request, not two)
	check = function(csr, report, p)
		if not (p.max_sans > 0) then return end
		local n = #csr:sans()
		if n > p.max_sans then
			report(("the request names %d SANs; this CA allows at most %d: split it into "
				.. "several requests"):format(n, p.max_sans))
		end
	end,
}
