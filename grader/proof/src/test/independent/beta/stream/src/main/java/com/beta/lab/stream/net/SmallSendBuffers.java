package com.beta.lab.stream.net;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import org.java_websocket.server.DefaultWebSocketServerFactory;

/**
 * Gives every accepted connection a fixed, small kernel send buffer. Left alone, Linux grows it
 * to megabytes for a client that does not read, and the frames parked there would be seconds old
 * before any of them waited in the library's queue, where {@link Backlog} can see them.
 */
public final class SmallSendBuffers extends DefaultWebSocketServerFactory {

    static final int SEND_BUFFER_BYTES = 48 * 1024;

    @Override
    public SocketChannel wrapChannel(SocketChannel channel, SelectionKey key) {
        try {
            channel.setOption(StandardSocketOptions.SO_SNDBUF, SEND_BUFFER_BYTES);
        } catch (IOException | RuntimeException e) {
            // keep the default; the backlog bound still applies
        }
        return channel;
    }
}
