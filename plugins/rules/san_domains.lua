-- san_domains.lua - SAN dNSNames must fall under the allowed suffixes and under none of the
-- denied ones (a CA that issues only for its customers' verified domains).
local NOT_ALLOWED = "dNSName %q is not under an allowed domain (%s); request names under "
	.. "those domains only"
local DENIED = "dNSName %q is under a denied domain; remove it"

return {
	id = "policy.san.domain-not-allowed",
	severity = "error",
	description = "A SAN dNSName is outside the policy's allowed domain suffixes or inside a denied one",
	citation = "Local CA policy (params allowed_suffixes, denied_suffixes)",
	profiles = { "all" },
	params = { allowed_suffixes = {}, denied_suffixes = {} },
	-- unconfigured, the rule has nothing to check (one call per request, not two)
	check = function(csr, report, p)
		local allowed, denied = p.allowed_suffixes, p.denied_suffixes
		if not (#allowed + #denied > 0) then return end
		local listed
		for _, san in ipairs(csr:sans("dns")) do
			-- case aside, with one leading "." of a suffix ignored ("*.x.org" is under x.org)
			if #allowed > 0 and not csrlint.domain_under(san.value, allowed) then
				listed = listed or table.concat(allowed, ", ")
				report(NOT_ALLOWED:format(san.value, listed), san.node)
			elseif csrlint.domain_under(san.value, denied) then
				report(DENIED:format(san.value), san.node)
			end
		end
	end,
}
