// Watch lesson 14 leak: in rounds, let clients connect, receive an announcement and disconnect, while
// one client stays connected and the gateway waits for its next drain. After each round, print what the
// gateway's gauge counts and the heap in use.
//   mvn -q compile && jshell --class-path target/classes explore.jsh

import com.example.gateway.*;

var gateway = new Gateway();

long usedHeapKiB() {
    System.gc();
    var runtime = Runtime.getRuntime();
    return (runtime.totalMemory() - runtime.freeMemory()) / 1024;
}

/** A client's WebSocket, with a send buffer of its own, as a server gives each connection. */
class Socket implements Connection {
    final byte[] sendBuffer = new byte[2048];
    public void send(String frame) {
    }
    public void close() {
    }
}

void aClientComesAndGoes() {
    ClientSession session = gateway.connect(new Socket());
    gateway.announce("Typing indicators are back");
    session.close();
}

gateway.connect(new Socket()); // one client stays connected all along
System.out.printf("before: the gauge at %,d, %,9d KiB of heap in use%n", gateway.openSessions(), usedHeapKiB());
int clients = 0;
for (int round = 1; round <= 5; round++) {
    for (int i = 0; i < 5_000; i++) {
        aClientComesAndGoes();
        clients++;
    }
    System.out.printf("after %,6d clients came and went, 1 still connected: the gauge at %,d, %,9d KiB of heap in use%n",
            clients, gateway.openSessions(), usedHeapKiB());
}
System.out.println("If the heap grew round after round while the gauge stayed at 1, ended sessions are still held: fix it and");
System.out.println("open the shell again (`./kata shell 14`). If the heap stayed flat, the fix holds. (No drain has come: it");
System.out.println("would come at the next deploy.)");
/exit
