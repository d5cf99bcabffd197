/** The `--help` text. */
export const USAGE = `Usage: a2a <command> [arguments] [options]

A command-line client of A2A agents (protocol v1.0, or v0.3 over JSON-RPC).

Commands:
  card                      Show the agent's card: name, version, interfaces, skills
  send <text>               Send a message and wait for the task to settle (SendMessage)
  stream <text>             Send a message and follow the task live (SendStreamingMessage);
                            Ctrl-C cancels the task before exiting
  get <taskId>              Show a task (GetTask)
  list                      List tasks, most recently changed first (ListTasks)
  cancel <taskId>           Cancel a task (CancelTask)
  subscribe <taskId>        Follow a running task live (SubscribeToTask); Ctrl-C detaches
  inspect <taskId>          Read a task and its events straight from Redis (operators)

Options of every command:
  --url <url>               Agent base URL (or card URL)   [default: http://127.0.0.1:3000]
  --binding jsonrpc|rest    Use only this protocol binding   [default: the card's best]
  --protocol 1.0|0.3        Use only this protocol version   [default: 1.0, else 0.3]
  --json                    Machine output: JSON on stdout (stream: one event per line)
  --timeout <ms>            Timeout of each request   [default: 30000]
  --header <name=value>     Extra HTTP header, repeatable (for example Authorization=Bearer x)
  -h, --help                Show this help

send / stream:
  --data <json>             Add a data part with this JSON value
  --task <id>               Answer this task (one that waits for input)
  --context <id>            Conversation context of the message

get:     --history <n>      Include the last n messages of the history
list:    --context <id>  --state <TASK_STATE_X|x>  --page-size <n>  --page-token <t>  --history <n>
inspect: --redis <url>      [default: $REDIS_URL or redis://127.0.0.1:6379]
         --prefix <prefix>  Key prefix of the task store   [default: tries a2a:<agent> of the three agents, then a2a]

Exit status: 0 ok (also a task waiting for input), 1 task failed, rejected or canceled,
2 usage error, unreachable agent or Redis, refused request or missing task.
`;
