export async function run(argv: string[]): Promise<void> { console.log('hello', argv); }
