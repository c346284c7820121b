-- san_domains.lua - SAN dNSNames must fall under the allowed suffixes and under none of the
-- denied ones (a CA that issues only for its customers' verified domains).

-- The suffixes of list lowercased and without one leading ".", each as { "x.org", ".x.org" };
-- made once per list (the policy's lists stay the same from one request to the next).
local normalized = setmetatable({}, { __mode = "k" })
local function norm(list)
	local n = normalized[list]
	if n and n.len == #list then return n end
	n = { len = #list, text = table.concat(list, ", ") }
	for i = 1, #list do
		local l = string.lower(list[i])
		if l:byte(1) == 46 then l = l:sub(2) end
		n[i] = { l, "." .. l }
	end
	normalized[list] = n
	return n
end

-- Whether name is one of the suffixes in n (from norm) or a name below one.
local function any_under(name, n)
	for i = 1, n.len do
		local s = n[i]
		if name == s[1] or name:find(s[2], -#s[2], true) then return true end
	end
	return false
end

local NOT_ALLOWED = "dNSName %q is not under an allowed domain (%s); request names under those domains only"
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
		if not (#p.allowed_suffixes + #p.denied_suffixes > 0) then return end
		local sans = csr:sans("dns")
		if #sans == 0 then return end
		local na, nd = norm(p.allowed_suffixes), norm(p.denied_suffixes)
		for _, san in ipairs(sans) do
			local name = san.value:lower()
			if name:sub(1, 2) == "*." then name = name:sub(3) end
			if na.len > 0 and not any_under(name, na) then
				report(NOT_ALLOWED:format(san.value, na.text), san.node)
			elseif any_under(name, nd) then
				report(DENIED:format(san.value), san.node)
			end
		end
	end,
}
