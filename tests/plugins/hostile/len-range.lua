-- len-range.lua - hostile plugin: a table whose __len claims 10^12 entries, handed to
-- table.insert and table.sort (each would walk them all in one call)
return {
	id = "hostile.len-range",
	severity = "error",
	description = "hostile test plugin: table.insert and table.sort on a __len of 10^12",
	citation = "tests/plugins/test_plugins.sh",
	profiles = { "all" },
	check = function(csr, report)
		local t = setmetatable({}, { __len = function() return 1e12 end })
		pcall(table.insert, t, 1, 0)
		pcall(table.sort, t)
		table.insert(t, 1, 0)
	end,
}
