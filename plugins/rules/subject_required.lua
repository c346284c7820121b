-- subject_required.lua - the subject must carry each required attribute ("serialNumber"),
-- and where allowed values are listed, one of them.
return {
	id = "policy.subject.required-missing",
	severity = "error",
	description = "A subject attribute the policy requires is missing or has a value it does not allow",
	citation = "Local CA policy (params required_subject, allowed_values)",
	profiles = { "all" },
	params = { required_subject = {}, allowed_values = {} },
	-- unconfigured, the rule has nothing to check (one call per request, not two)
	check = function(csr, report, p)
		if not (#p.required_subject > 0) then return end
		local seen = {}
		for _, ava in ipairs(csr:subject()) do
			local name = ava.name or ava.oid
			seen[name] = true
			local ok = p.allowed_values[name]
			if type(ok) == "table" then
				local hit = false
				for _, v in ipairs(ok) do hit = hit or v == ava.value end
				if not hit then
					report(("subject %s %q is not one of the allowed values (%s)"):format(
						name, ava.value, table.concat(ok, ", ")), ava.node)
				end
			end
		end
		for _, name in ipairs(p.required_subject) do
			if not seen[name] then
				report(("the subject has no %s; this CA requires it"):format(name))
			end
		end
	end,
}
