int plain4(int x)
{
	return x + 4;
}
