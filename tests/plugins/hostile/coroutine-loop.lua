-- coroutine-loop.lua - hostile plugin: loops inside coroutines, resumed forever
return {
	id = "hostile.coroutine-loop",
	severity = "error",
	description = "hostile test plugin: loops inside coroutines, resumed forever",
	citation = "tests/plugins/test_plugins.sh",
	profiles = { "all" },
	check = function(csr, report)
		while true do
			local co = coroutine.create(function() while true do end end)
			coroutine.resume(co)
			pcall(coroutine.wrap(function() while true do coroutine.yield() end end))
		end
	end,
}
