#include <linux/of.h>

int leaf(struct device_node *np)
{
	struct device_node *p = of_get_parent(np);

	if (!p)
		return -1;
	return 0;
}
