#ifndef _LINUX_OF_H
#define _LINUX_OF_H
struct device_node { int flags; };
struct device_node *of_get_parent(const struct device_node *node);
void of_node_put(struct device_node *node);
#include <linux/helper.h>
#endif
