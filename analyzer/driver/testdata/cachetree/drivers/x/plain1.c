int plain1(int x)
{
	return x + 1;
}
