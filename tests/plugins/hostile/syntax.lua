-- syntax.lua - hostile plugin: a syntax error on line 3
return {
	id = = "hostile.syntax",
}
