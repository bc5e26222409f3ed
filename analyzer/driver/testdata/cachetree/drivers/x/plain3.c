int plain3(int x)
{
	return x + 3;
}
