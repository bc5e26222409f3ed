#include <linux/of.h>

struct device_node *my_get(struct device_node *np)
{
	return PARENT_OF(np);
}
