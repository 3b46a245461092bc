// Watch lesson 08 leak: place orders, each submitted twice as a double-click does, and print after
// each order how many of the pool's five connections are still in use.
// It needs the pool and the database on the class path (see the lesson's README):
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
    long start = System.nanoTime();
    try {
        orders.save(order);
        return "stored";
    } catch (DuplicateOrderException e) {
        return "refused";
    } catch (OrderStoreException e) {
        return String.format("FAILED after %d ms", (System.nanoTime() - start) / 1_000_000);
    }
}

System.out.printf("%-60spool: %s%n", "before the first order:", poolState());
for (int i = 1; i <= 7; i++) {
    var order = new Order("A-" + (1000 + i), "customer-" + i, 1_990L * i);
    String first = submit(order);
    String again = submit(order);
    System.out.printf("order %s: %-19s then %-19s  pool: %s%n", order.id(), first, again, poolState());
}
try {
    orders.findById("A-1001");
    System.out.println("and order A-1001 can still be read.");
} catch (OrderStoreException e) {
    System.out.println("and even reading an order fails now:");
    System.out.println("  " + e.getMessage());
}
pool.close();
System.out.println("If connections stayed in use after refused orders, OrderRepository still leaks: fix it and open the shell");
System.out.println("again (`./kata shell 08`). If none stayed in use, the fix holds.");
/exit
