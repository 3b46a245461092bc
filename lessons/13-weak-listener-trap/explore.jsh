// Watch lesson 13 leak: in rounds, open dashboards, show each an alert and close it again. After
// each round, print the heap in use. Each websocket keeps a 64 KiB send buffer, as real ones do.
//   mvn -q compile && jshell --class-path target/classes explore.jsh

import com.example.alerts.*;

var bus = new AlertBus();

class Websocket implements Connection {
    private final byte[] sendBuffer = new byte[64 * 1024];
    public void send(String text) { }
    public void close() { }
}

long usedHeapKiB() {
    System.gc();
    var runtime = Runtime.getRuntime();
    return (runtime.totalMemory() - runtime.freeMemory()) / 1024;
}

System.out.printf("before: %,d KiB of heap in use%n", usedHeapKiB());
int opened = 0;
for (int round = 1; round <= 5; round++) {
    for (int i = 0; i < 300; i++) {
        var session = new DashboardSession(bus, "payments", new Websocket());
        bus.publish(new Alert("payments", "alert " + opened++));
        session.close();
    }
    System.out.printf("after %,5d dashboards opened and closed, none open: %,9d KiB of heap in use%n",
            opened, usedHeapKiB());
}
System.out.println("If the heap grew round after round though every dashboard was closed, the bus still keeps them: fix it");
System.out.println("and open the shell again (`./kata shell 13`). If it stayed near where it started, the fix holds.");
/exit
