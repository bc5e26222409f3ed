int plain2(int x)
{
	return x + 2;
}
