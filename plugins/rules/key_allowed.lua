-- key_allowed.lua - only the key types and sizes the policy lists: "RSA-2048" (at least
-- 2048 bits), "RSA-3072", "P-256", "P-384", "Ed25519" ...
local function allowed(key, list)
	for _, want in ipairs(list) do
		local kind, bits = want:match("^(%a+)%-(%d+)$")
		if kind == "RSA" and key.type == "RSA" and key.bits >= tonumber(bits) then
			return true
		elseif want == key.curve or want == key.type then
			return true
		end
	end
	return false
end

return {
	id = "policy.key.not-allowed",
	severity = "error",
	description = "The key type or size is not among those the policy allows",
	citation = "Local CA policy (param allowed_keys)",
	profiles = { "all" },
	params = { allowed_keys = {} },
	-- unconfigured, the rule has nothing to check (one call per request, not two)
	check = function(csr, report, p)
		if not (#p.allowed_keys > 0) then return end
		local key = csr:key()
		if not allowed(key, p.allowed_keys) then
			report(("%s key%s%s is not allowed here; use one of: %s"):format(key.type,
				key.curve and (" on " .. key.curve) or "",
				key.type == "RSA" and (" of " .. key.bits .. " bits") or "",
				table.concat(p.allowed_keys, ", ")), key.node)
		end
	end,
}
