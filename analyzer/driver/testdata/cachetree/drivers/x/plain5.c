int plain5(int x)
{
	return x + 5;
}
