-- views.lua - the tables of csr:subject(), csr:sans() and the SAN value of
-- csr:extensions() behave as plain tables of the script's own, while every rule of a request
-- reads the same entries (plugins/views.c): each rule changes its tables, then checks that
-- it still sees the request as it is. Reports "ok N" once per rule and request, or "bad ...".
local function check(csr, report, who)
	local bad = function(what) report("bad " .. who .. ": " .. what) end
	local subj, sans = csr:subject(), csr:sans()
	if #subj == 0 or #sans == 0 then return bad("the request needs a subject and SANs") end
	-- what another rule did must not show: every entry as the model says
	local n = 0
	for _, a in ipairs(subj) do
		n = n + 1
		if a.value == "changed" or a.extra or a.name == nil and a.oid == "2.5.4.3" then
			bad("subject entry changed by another rule")
		end
	end
	for _, s in ipairs(sans) do
		if s.value == "changed" or s.extra then bad("san entry changed by another rule") end
	end
	-- pairs, next, rawget, rawlen, # and getmetatable see the fields, as for a plain table
	local a, keys = subj[1], 0
	for k, v in pairs(a) do
		keys = keys + 1
		if a[k] ~= v then bad("pairs value of " .. k) end
	end
	if keys < 6 then bad("pairs gave " .. keys .. " fields") end
	local b = csr:subject()[1]
	if next(b) == nil then bad("next() of an entry is nil") end
	local c = csr:subject()[1]
	if rawget(c, "oid") ~= a.oid then bad("rawget() misses the oid") end
	if getmetatable(csr:subject()[1]) ~= nil then bad("an entry has a metatable") end
	if #csr:subject()[1] ~= 0 or rawlen(csr:sans()[1]) ~= 0 then bad("length of a record") end
	local d = csr:sans()[1]
	rawset(d, "extra", 1)
	if d.extra ~= 1 or d.type == nil then bad("rawset() lost fields") end
	local e = setmetatable(csr:subject()[1], { __index = function() return "mt" end })
	if e.oid ~= a.oid or e.nothing ~= "mt" then bad("setmetatable() on an entry") end
	-- writes: the script's own tables change, nothing else
	local f = csr:subject()
	f[1].value, f[1].extra, f[1].name = "changed", true, nil
	if f[1].value ~= "changed" or not f[1].extra or f[1].name ~= nil then bad("writes lost") end
	if f[1].oid ~= a.oid then bad("a write lost the other fields") end
	if csr:subject()[1].value == "changed" then bad("a write reached the next call") end
	table.sort(f, function(x, y) return tostring(x.oid) > tostring(y.oid) end)
	for _, s in ipairs(csr:sans()) do s.value, s.extra = "changed", true end
	for _, x in ipairs(csr:extensions()) do
		if x.oid == "2.5.29.17" then
			for i, s in ipairs(x.value) do
				if s.value ~= sans[i].value or s.type ~= sans[i].type then
					bad("extensions() SAN value differs from sans()")
				end
				s.value = "changed"
			end
		end
	end
	if csr:sans()[1].value == "changed" then bad("a write reached sans()") end
	subj[1].value = "changed"
	report("ok " .. n)
end

local function rule(id)
	return {
		id = id, severity = "info", description = "checks the views of Lua rules",
		citation = "tests/plugins/test_plugins.sh", profiles = {},
		check = function(csr, report) check(csr, report, id) end,
	}
end

return { rule("test.views-a"), rule("test.views-b"), rule("test.views-c") }
