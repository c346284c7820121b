-- san_domains.lua - SAN dNSNames must fall under the allowed suffixes and under none of the
-- denied ones (a CA that issues only for its customers' verified domains).

-- Whether name is one of the suffixes of list or a name below one. Each suffix is lowercased
-- and loses one leading "." on first use, into norm (one per list and request).
local function any_under(name, list, norm)
	for i = 1, #list do
		local s = norm[i]
		if not s then
			local l = string.lower(list[i])
			if l:byte(1) == 46 then l = l:sub(2) end
			s = { l, "." .. l }
			norm[i] = s
		end
		if name == s[1] or name:sub(-#s[2]) == s[2] then return true end
	end
	return false
end

return {
	id = "policy.san.domain-not-allowed",
	severity = "error",
	description = "A SAN dNSName is outside the policy's allowed domain suffixes or inside a denied one",
	citation = "Local CA policy (params allowed_suffixes, denied_suffixes)",
	profiles = { "all" },
	params = { allowed_suffixes = {}, denied_suffixes = {} },
	-- unconfigured, the rule has nothing to check (one call per request, not two)
	check = function(csr, report, p)
		if not (#p.allowed_suffixes + #p.denied_suffixes > 0) then return end
		local sans = csr:sans("dns")
		if #sans == 0 then return end
		local allowed, denied, na, nd, listed = p.allowed_suffixes, p.denied_suffixes, {}, {}
		for _, san in ipairs(sans) do
			local name = san.value:lower()
			if name:sub(1, 2) == "*." then name = name:sub(3) end
			if #allowed > 0 and not any_under(name, allowed, na) then
				listed = listed or table.concat(allowed, ", ")
				report(("dNSName %q is not under an allowed domain (%s); request names "
					.. "under those domains only"):format(san.value, listed), san.node)
			elseif any_under(name, denied, nd) then
				report(("dNSName %q is under a denied domain; remove it"):format(san.value),
					san.node)
			end
		end
	end,
}
