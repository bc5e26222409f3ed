#include <linux/of.h>

struct device_node *my_get(struct device_node *np);

int use(struct device_node *np)
{
	struct device_node *p = my_get(np);

	if (!p)
		return -1;
	return 0;
}
