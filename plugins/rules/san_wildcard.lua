-- san_wildcard.lua - no wildcard names, for CAs that issue only for exact hosts.
-- Fix: the wildcard dNSNames are removed and a wildcard CN becomes the first exact dNSName
-- that remains; a request with no exact name is left for a person to correct.
return {
	id = "policy.san.wildcard-denied",
	severity = "error",
	description = "A SAN dNSName or the CN is a wildcard, which the policy denies",
	citation = "Local CA policy (param deny_wildcards)",
	profiles = { "all" },
	params = { deny_wildcards = false },
	-- unconfigured, the rule has nothing to check (one call per request, not two)
	check = function(csr, report, p)
		if not (p.deny_wildcards) then return end
		for _, san in ipairs(csr:sans("dns")) do
			if san.value:find("*", 1, true) then
				report(("dNSName %q is a wildcard; this CA issues for exact host names "
					.. "only"):format(san.value), san.node)
			end
		end
		for _, ava in ipairs(csr:subject()) do
			if ava.name == "CN" and ava.value:find("*", 1, true) then
				report(("subject CN %q is a wildcard; this CA issues for exact host "
					.. "names only"):format(ava.value), ava.node)
			end
		end
	end,
	fix = function(req)
		local exact, wild, seen = nil, {}, {}
		for _, san in ipairs(req:sans("dns")) do
			if not san.value:find("*", 1, true) then
				exact = exact or san.value
			elseif not seen[san.value] then   -- remove_san takes every copy at once
				seen[san.value] = true
				wild[#wild + 1] = san.value
			end
		end
		if not exact then return end
		for _, name in ipairs(wild) do req:remove_san("dns", name) end
		for _, ava in ipairs(req:subject()) do
			if ava.name == "CN" and ava.value:find("*", 1, true) then
				req:set_subject_value(ava.index, exact)
			end
		end
	end,
}
