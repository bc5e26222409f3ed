/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pcslint stub header: OF graph (ports and endpoints). The getters return
 * counted nodes: of_node_put() drops them.
 */
#ifndef _PCSLINT_LINUX_OF_GRAPH_H
#define _PCSLINT_LINUX_OF_GRAPH_H

#include <linux/types.h>
#include <linux/errno.h>
#include <linux/cleanup.h>

struct device_node;

struct of_endpoint {
	unsigned int port;
	unsigned int id;
	const struct device_node *local_node;
};

/* the endpoint variable holds a reference: put it when leaving early */
#define for_each_endpoint_of_node(parent, child) \
	for (child = of_graph_get_next_endpoint(parent, NULL); child != NULL; \
	     child = of_graph_get_next_endpoint(parent, child))

#define for_each_endpoint_of_node_scoped(parent, child) \
	for (struct device_node *child __free(device_node) =		\
	     of_graph_get_next_endpoint(parent, NULL);			\
	     child != NULL;						\
	     child = of_graph_get_next_endpoint(parent, child))

bool of_graph_is_present(const struct device_node *node);
int of_graph_parse_endpoint(const struct device_node *node,
			    struct of_endpoint *endpoint);
unsigned int of_graph_get_endpoint_count(const struct device_node *np);
struct device_node *of_graph_get_port_by_id(struct device_node *node, u32 id);
struct device_node *of_graph_get_next_endpoint(const struct device_node *parent,
					       struct device_node *previous);
struct device_node *of_graph_get_endpoint_by_regs(
		const struct device_node *parent, int port_reg, int reg);
struct device_node *of_graph_get_remote_endpoint(
					const struct device_node *node);
struct device_node *of_graph_get_port_parent(struct device_node *node);
struct device_node *of_graph_get_remote_port_parent(
					const struct device_node *node);
struct device_node *of_graph_get_remote_port(const struct device_node *node);
struct device_node *of_graph_get_remote_node(const struct device_node *node,
					     u32 port, u32 endpoint);

#endif /* _PCSLINT_LINUX_OF_GRAPH_H */
