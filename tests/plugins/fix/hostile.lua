-- hostile.lua - a rule that reports every request when param mode is set, and whose fix
-- then misbehaves in the way mode names. Each must end in a clear error of this fix, a
-- non-zero exit and no output.
local modes = {}
function modes.loop() while true do end end
function modes.pcall_loop() while true do pcall(function() while true do end end) end end
function modes.memory()
	local t = {}
	pcall(function() for i = 1, 1e9 do t[i] = ("x"):rep(100) .. i end end)
end
function modes.error() error("this fix gives up") end
function modes.bad_index(req) req:set_subject_value("first", "x") end
function modes.bad_value(req) req:set_subject_value(1, 42) end
function modes.bad_bool(req) req:set_extension_critical("keyUsage", "yes") end
function modes.control(req) req:set_subject_value(1, "two\nlines") end
function modes.no_value(req) req:set_subject_value(99, "x") end
function modes.no_name(req) req:remove_san("dns", "absent.example.com") end
function modes.no_ext(req) req:remove_extension("basicConstraints") end
function modes.no_attr(req) req:remove_attribute("challengePassword") end
function modes.bad_type(req) req:add_san("x400", "anything") end
function modes.bad_dns(req) req:add_san("dns", "www.example.com; rm -rf /") end
function modes.ext_request(req) req:remove_attribute("extensionRequest") end
function modes.absent(req) for i = 1, 5 do req:remove_subject_attribute("C") end end
function modes.edits(req) for i = 1, 2000 do req:set_extension_critical("keyUsage", true) end end
function modes.names(req) for i = 1, 2000 do req:add_san("dns", "h" .. i .. ".example.com") end end
function modes.no_method(req) req:sign() end
-- looks for a way to the key, or out of the sandbox, and names whatever it finds
function modes.key(req)
	local found = {}
	for _, m in ipairs({ "key", "privkey", "private_key", "der", "raw", "bytes", "sign",
			     "signature", "public_key", "csr" }) do
		if req[m] ~= nil then found[#found + 1] = "req." .. m end
	end
	if getmetatable(req) ~= "csrl.request" then found[#found + 1] = "metatable" end
	for _, g in ipairs({ "io", "print", "require", "debug", "load", "loadfile", "dofile",
			     "package", "collectgarbage", "rawequal_key" }) do
		if _ENV[g] ~= nil then found[#found + 1] = g end
	end
	for _, f in ipairs({ "execute", "getenv", "remove", "rename", "exit", "tmpname" }) do
		if os[f] ~= nil then found[#found + 1] = "os." .. f end
	end
	error("reached: " .. (#found > 0 and table.concat(found, ",") or "nothing"))
end
-- a handle kept past its fix: check() of the re-lint uses it
function modes.keep(req) KEPT = req end

return {
	id = "test.fix.hostile",
	severity = "error",
	description = "test rule: a fix that misbehaves as param mode says",
	citation = "tests/plugins/test_fix.sh",
	profiles = { "all" },
	params = { mode = "" },
	check = function(csr, report, p)
		if KEPT then KEPT:subject() end
		if p.mode ~= "" then report("hostile mode " .. p.mode) end
	end,
	fix = function(req, findings, p)
		modes[p.mode](req)
	end,
}
