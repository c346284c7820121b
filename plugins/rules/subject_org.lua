-- subject_org.lua - the subject O must be the organisation of the account that asks
-- (passed per request with --param organization=...).
return {
	id = "policy.subject.o-mismatch",
	severity = "error",
	description = "The subject O differs from the account's organisation",
	citation = "Local CA policy (param organization)",
	profiles = { "all" },
	params = { organization = "" },
	applies = function(csr, report, p) return p.organization ~= "" end,
	check = function(csr, report, p)
		local found = false
		for _, ava in ipairs(csr:subject()) do
			if ava.name == "O" then
				found = true
				if ava.value ~= p.organization then
					report(("subject O %q is not the account's organisation %q"):format(
						ava.value, p.organization), ava.node)
				end
			end
		end
		if not found then
			report(("the subject has no O; the account's organisation is %q"):format(
				p.organization))
		end
	end,
}
