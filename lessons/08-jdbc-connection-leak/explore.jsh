// Watch lesson 08 leak: place orders, each submitted twice as a double-click would, and print after
// each how many of the pool's five connections are in use.
//   mvn -q compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
//   jshell --class-path "target/classes:$(cat target/classpath.txt)" explore.jsh

import com.example.orders.*;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

var config = new HikariConfig();
config.setPoolName("orders");
config.setJdbcUrl("jdbc:h2:mem:explore;DB_CLOSE_DELAY=-1;INIT=RUNSCRIPT FROM 'classpath:schema.sql'");
config.setMaximumPoolSize(5);
config.setConnectionTimeout(500);
var pool = new HikariDataSource(config);
var orders = new OrderRepository(pool);

String poolState() {
    return String.format("%d of %d connections in use", pool.getHikariPoolMXBean().getActiveConnections(),
            pool.getMaximumPoolSize());
}

String submit(Order order) {
    try {
        orders.save(order);
        return "stored";
    } catch (DuplicateOrderException e) {
        return "refused";
    } catch (OrderStoreException e) {
        return "FAILED";
    }
}

System.out.printf("before the first order:                  pool: %s%n", poolState());
for (int i = 1; i <= 6; i++) {
    var order = new Order("A-" + (1000 + i), "customer-" + i, 1_990L * i);
    String first = submit(order);
    String again = submit(order);
    System.out.printf("order %s: %-8s then %-8s  pool: %s%n", order.id(), first, again, poolState());
}
try {
    orders.findById("A-1001");
} catch (OrderStoreException e) {
    System.out.println("and even reading an order fails now:");
    System.out.println("  " + e.getMessage());
}
pool.close();
System.out.println("Fix OrderRepository, run `mvn -q compile`, and open this script again: no connection should stay in use.");
/exit
