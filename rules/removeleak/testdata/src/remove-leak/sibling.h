/* The driver's own header (not include/): the port teardown lives in
 * another file of the driver, reduced from sparx5 (sparx5_main.h declares
 * sparx5_unregister_netdevs(), defined in sparx5_netdev.c, which destroys
 * each port's phylink). */
#ifndef SIBLING_H
#define SIBLING_H
#include "kdecls.h"

struct sib_port { struct clk *clk; int portno; };
struct sib { struct sib_port *ports[2]; struct device *dev; };
void sib_unregister_ports(struct sib *s);
void sib_stop_ports(int n);
#endif
