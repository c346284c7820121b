-- san_domains.lua - SAN dNSNames must fall under the allowed suffixes and under none of the
-- denied ones (a CA that issues only for its customers' verified domains).
local function lower(s) return (s:lower()) end

-- Whether name is suffix itself or a name below it.
local function under(name, suffix)
	suffix = lower(suffix):gsub("^%.", "")
	return name == suffix or name:sub(-#suffix - 1) == "." .. suffix
end

local function any_under(name, list)
	for _, s in ipairs(list) do
		if under(name, s) then return true end
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
		for _, san in ipairs(csr:sans("dns")) do
			local name = lower(san.value):gsub("^%*%.", "")
			if #p.allowed_suffixes > 0 and not any_under(name, p.allowed_suffixes) then
				report(("dNSName %q is not under an allowed domain (%s); request names "
					.. "under those domains only"):format(san.value,
					table.concat(p.allowed_suffixes, ", ")), san.node)
			elseif any_under(name, p.denied_suffixes) then
				report(("dNSName %q is under a denied domain; remove it"):format(san.value),
					san.node)
			end
		end
	end,
}
